namespace Backfill.Core.Jobs;

/// <summary>A job definition that cannot be used, with a message that says what to fix.</summary>
public sealed class JobSpecException(string message) : Exception(message);
