namespace Gatehouse.Cli;

/// <summary>One entity type's tallies: gold spans, predicted spans, and the predictions matched under each rule.</summary>
internal sealed class PiiEvalCounts
{
    public int Gold { get; set; }

    public int Predicted { get; set; }

    public int OverlapMatched { get; set; }

    public int ExactMatched { get; set; }

    public void Add(PiiEvalCounts other)
    {
        Gold += other.Gold;
        Predicted += other.Predicted;
        OverlapMatched += other.OverlapMatched;
        ExactMatched += other.ExactMatched;
    }

    public static double Precision(int matched, int predicted) => predicted == 0 ? 0 : (double)matched / predicted;

    public static double Recall(int matched, int gold) => gold == 0 ? 0 : (double)matched / gold;

    public static double F1(double precision, double recall) => precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
}
