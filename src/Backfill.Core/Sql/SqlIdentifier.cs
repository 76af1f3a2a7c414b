using System.Text.RegularExpressions;

namespace Backfill.Core.Sql;

/// <summary>The one place identifiers enter SQL: validated against a strict pattern, then quoted.</summary>
public static partial class SqlIdentifier
{
    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    private static partial Regex Pattern();

    public static bool IsValid(string name) => Pattern().IsMatch(name);

    public static string Quote(string name) =>
        IsValid(name) ? $"\"{name}\"" : throw new ArgumentException($"'{name}' is not a valid SQL identifier.", nameof(name));
}
