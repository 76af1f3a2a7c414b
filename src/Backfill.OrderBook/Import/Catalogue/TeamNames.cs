using System.Globalization;
using System.Text;

namespace Backfill.OrderBook.Import.Catalogue;

/// <summary>Compares team names the way a person would: ignoring case, accents and extra spaces.</summary>
public static class TeamNames
{
    public static bool AreSame(string? left, string? right) =>
        left is not null && right is not null && string.Equals(Normalize(left), Normalize(right), StringComparison.Ordinal);

    /// <summary>
    /// Latin letters with accents (Latin-1 Supplement, Latin Extended-A, Romanian comma-below) folded
    /// to ASCII. A table rather than Unicode decomposition: the project runs with invariant
    /// globalization, where <see cref="string.Normalize()"/> does not decompose, and decomposition
    /// would leave ø, ł, đ, ß and æ unfolded anyway.
    /// </summary>
    private static readonly Dictionary<char, string> Folds = BuildFolds(
        ("ÀÁÂÃÄÅĀĂĄàáâãäåāăą", "a"), ("ÇĆĈĊČçćĉċč", "c"), ("ĎĐÐďđð", "d"), ("ÈÉÊËĒĔĖĘĚèéêëēĕėęě", "e"),
        ("ĜĞĠĢĝğġģ", "g"), ("ĤĦĥħ", "h"), ("ÌÍÎÏĨĪĬĮİìíîïĩīĭįı", "i"), ("Ĵĵ", "j"), ("Ķķĸ", "k"),
        ("ĹĻĽĿŁĺļľŀł", "l"), ("ÑŃŅŇŊñńņňŉŋ", "n"), ("ÒÓÔÕÖØŌŎŐòóôõöøōŏő", "o"), ("ŔŖŘŕŗř", "r"),
        ("ŚŜŞŠśŝşšſȘș", "s"), ("ŢŤŦţťŧȚț", "t"), ("ÙÚÛÜŨŪŬŮŰŲùúûüũūŭůűų", "u"), ("Ŵŵ", "w"),
        ("ÝŸŶýÿŷ", "y"), ("ŹŻŽźżž", "z"), ("Ææ", "ae"), ("Œœ", "oe"), ("ß", "ss"), ("Þþ", "th"), ("Ĳĳ", "ij"));

    /// <summary>"  Atlético   Madrid " becomes "atletico madrid"; combining accents are dropped too.</summary>
    public static string Normalize(string name)
    {
        var builder = new StringBuilder(name.Length);
        var pendingSpace = false;
        foreach (var c in name.Trim())
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                pendingSpace = true;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            if (Folds.TryGetValue(c, out var folded))
            {
                builder.Append(folded);
            }
            else
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    private static Dictionary<char, string> BuildFolds(params (string Letters, string Ascii)[] groups)
    {
        var folds = new Dictionary<char, string>();
        foreach (var (letters, ascii) in groups)
        {
            foreach (var letter in letters)
            {
                folds.Add(letter, ascii);
            }
        }

        return folds;
    }

    /// <summary>Splits a football event name "Home v Away" at its single " v ".</summary>
    public static bool TrySplitEvent(string? eventName, out string home, out string away)
    {
        home = away = "";
        if (eventName is null)
        {
            return false;
        }

        var separator = eventName.IndexOf(" v ", StringComparison.Ordinal);
        if (separator < 0 || eventName.IndexOf(" v ", separator + 1, StringComparison.Ordinal) >= 0)
        {
            return false;
        }

        home = eventName[..separator].Trim();
        away = eventName[(separator + 3)..].Trim();
        return home.Length > 0 && away.Length > 0;
    }
}
