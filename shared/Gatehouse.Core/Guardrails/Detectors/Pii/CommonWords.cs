namespace Gatehouse.Guardrails.Detectors.Pii;

/// <summary>
/// English words that are capitalised for reasons other than being a name (sentence starts, greetings, months, days)
/// or that are names and everyday words at once ("Will", "May", "Hope", "Bill"). A run of capitalised words never
/// starts with one, so "Will you call Anna" or "Hope you are well" do not read as people. Hand-written.
/// </summary>
internal static class CommonWords
{
    private static readonly PiiWordSet Set = new(
    [
        "a", "about", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "because", "been",
        "before", "being", "both", "but", "by", "can", "could", "did", "do", "does", "done", "each", "either", "even", "every",
        "few", "for", "from", "had", "has", "have", "he", "her", "here", "hers", "him", "his", "how", "however", "i", "if",
        "in", "into", "is", "it", "its", "just", "let", "many", "me", "might", "more", "most", "much", "must", "my", "neither",
        "no", "nor", "not", "now", "of", "off", "on", "once", "one", "only", "or", "other", "our", "out", "over", "own",
        "please", "same", "she", "should", "since", "so", "some", "such", "than", "that", "the", "their", "them", "then",
        "there", "these", "they", "this", "those", "though", "through", "to", "too", "under", "until", "up", "upon", "us",
        "very", "was", "we", "were", "what", "when", "where", "whether", "which", "while", "who", "whom", "whose", "why",
        "will", "with", "within", "without", "would", "yes", "yet", "you", "your", "yours",
        "hello", "hi", "hey", "dear", "thanks", "thank", "regards", "sincerely", "cheers", "ok", "okay", "sorry", "welcome",
        "good", "great", "best", "new", "old", "first", "last", "next", "today", "tomorrow", "yesterday", "tonight",
        "note", "notes", "subject", "date", "time", "name", "names", "address", "phone", "email", "mobile", "fax", "desk",
        "office", "home", "work", "user", "bot", "customer", "client", "agent", "manager", "team", "support", "dept",
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "christmas", "easter",
        "god", "lord", "king", "queen", "prince", "princess", "president", "sir", "madam", "mr", "mrs", "ms", "miss", "dr",
        "prof", "mx", "st", "saint", "mount", "lake", "river", "north", "south", "east", "west", "street", "road", "avenue",
        "apt", "suite", "unit", "box", "city", "state", "country", "county", "zip", "ssn", "id", "dob", "mrn", "iban",
        "will", "hope", "faith", "grace", "joy", "mark", "bill", "chase", "sue", "pat", "rob", "art", "sunny", "summer",
        "autumn", "dawn", "rich", "guy", "major", "young", "long", "white", "black", "brown", "green", "gray", "grey",
        "chance", "price", "golden", "royal", "english", "key", "day", "can't", "don't", "won't", "i'm", "i'll", "i'd", "it's", "let's", "that's",
        "what's", "there's", "here's", "he's", "she's", "we're", "they're", "you're", "we'll", "you'll", "didn't", "isn't",
    ]);

    public static bool Contains(ReadOnlySpan<char> word) => Set.Contains(word);
}
