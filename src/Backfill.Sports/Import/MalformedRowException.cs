namespace Backfill.Sports.Import;

/// <summary>A data line that cannot be imported; the importer reports it and moves on to the next line.</summary>
internal sealed class MalformedRowException(string reason) : Exception(reason);
