using System.Text.RegularExpressions;

namespace Backfill.Cli;

/// <summary>Parser messages in the user's words: "a whole number", not "System.Nullable`1[System.Int64]".</summary>
public static partial class UsageErrors
{
    [GeneratedRegex(@"as expected type '(System\.Nullable`1\[)?System\.(Int32|Int64)\]?'")]
    private static partial Regex WholeNumber();

    public static string Readable(string message) => WholeNumber().Replace(message, "as a whole number");
}
