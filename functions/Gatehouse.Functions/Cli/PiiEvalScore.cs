namespace Gatehouse.Cli;

/// <summary>
/// Scores predicted spans against gold spans, text by text, per entity type. Exact: same start, end and type. Overlap:
/// same type and at least one character in common, each gold span matched at most once (predictions in order of
/// position take the first unmatched gold span they overlap). A predicted type the file never labels simply has no gold
/// spans, so its predictions all count as false positives. Type-agnostic recall: gold spans that any prediction
/// overlaps, whatever its type ("was this text masked at all?").
/// </summary>
internal sealed class PiiEvalScore
{
    private readonly SortedDictionary<string, PiiEvalCounts> _types = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, PiiEvalCounts> Types => _types;

    public int Texts { get; private set; }

    public int GoldCovered { get; private set; }

    public PiiEvalCounts Overall
    {
        get
        {
            var total = new PiiEvalCounts();
            foreach (var counts in _types.Values)
            {
                total.Add(counts);
            }

            return total;
        }
    }

    public void Add(IReadOnlyList<PiiEvalSpan> gold, IReadOnlyList<PiiEvalSpan> predicted)
    {
        Texts++;
        var matched = new bool[gold.Count];
        foreach (var span in gold)
        {
            Counts(span.Type).Gold++;
        }

        foreach (var prediction in predicted.OrderBy(p => p.Start).ThenBy(p => p.End))
        {
            var counts = Counts(prediction.Type);
            counts.Predicted++;
            for (var i = 0; i < gold.Count; i++)
            {
                if (gold[i].Type == prediction.Type && gold[i].Start == prediction.Start && gold[i].End == prediction.End)
                {
                    counts.ExactMatched++;
                    break;
                }
            }

            for (var i = 0; i < gold.Count; i++)
            {
                if (!matched[i] && gold[i].Type == prediction.Type && gold[i].Overlaps(prediction))
                {
                    matched[i] = true;
                    counts.OverlapMatched++;
                    break;
                }
            }
        }

        GoldCovered += gold.Count(g => predicted.Any(g.Overlaps));
    }

    private PiiEvalCounts Counts(string type)
    {
        if (!_types.TryGetValue(type, out var counts))
        {
            _types[type] = counts = new PiiEvalCounts();
        }

        return counts;
    }
}
