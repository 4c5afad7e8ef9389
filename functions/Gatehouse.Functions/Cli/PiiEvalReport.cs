using System.Globalization;
using System.Text.Json.Nodes;

namespace Gatehouse.Cli;

/// <summary>
/// Prints a <see cref="PiiEvalScore"/>: a table of precision, recall and F1 per type and overall (micro-averaged),
/// under overlap and exact matching, then type-agnostic recall; or, for <c>--json</c>, one line
/// <c>{"overall":{"precision","recall","f1"},"types":{"EMAIL":{"precision","recall","f1","support"},...}}</c> with the
/// overlap figures (support = gold spans).
/// </summary>
internal static class PiiEvalReport
{
    public static async Task WriteTableAsync(TextWriter output, string path, PiiEvalScore score, TimeSpan elapsed)
    {
        var overall = score.Overall;
        var perText = elapsed.TotalMilliseconds / Math.Max(1, score.Texts);
        await output.WriteLineAsync(Invariant(
            $"PII detector on {path}: {score.Texts} texts, {overall.Gold} gold spans, {overall.Predicted} predicted; {elapsed.TotalMilliseconds:0} ms in the detector ({perText:0.000} ms per text)"));
        await output.WriteLineAsync();
        await output.WriteLineAsync("                                  overlap match           exact match");
        await output.WriteLineAsync("type                    gold  pred    P      R      F1      P      R      F1");
        foreach (var (type, counts) in score.Types)
        {
            await output.WriteLineAsync(Row(type, counts));
        }

        await output.WriteLineAsync(Row("overall (micro)", overall));
        await output.WriteLineAsync();
        await output.WriteLineAsync(Invariant(
            $"type-agnostic recall (gold spans overlapped by a prediction of any type): {PiiEvalCounts.Recall(score.GoldCovered, overall.Gold):0.000} ({score.GoldCovered}/{overall.Gold})"));
        await output.WriteLineAsync("overlap: same type and at least one character in common, each gold span matched at most once;");
        await output.WriteLineAsync("types the file never labels count as false positives (gold 0).");
    }

    public static Task WriteJsonAsync(TextWriter output, PiiEvalScore score)
    {
        var types = new JsonObject();
        foreach (var (type, counts) in score.Types)
        {
            var figures = Figures(counts);
            figures["support"] = counts.Gold;
            types[type] = figures;
        }

        var report = new JsonObject { ["overall"] = Figures(score.Overall), ["types"] = types };
        return output.WriteLineAsync(report.ToJsonString());
    }

    private static JsonObject Figures(PiiEvalCounts counts)
    {
        var precision = PiiEvalCounts.Precision(counts.OverlapMatched, counts.Predicted);
        var recall = PiiEvalCounts.Recall(counts.OverlapMatched, counts.Gold);
        return new JsonObject
        {
            ["precision"] = Math.Round(precision, 4),
            ["recall"] = Math.Round(recall, 4),
            ["f1"] = Math.Round(PiiEvalCounts.F1(precision, recall), 4),
        };
    }

    private static string Row(string label, PiiEvalCounts counts)
    {
        var overlapP = PiiEvalCounts.Precision(counts.OverlapMatched, counts.Predicted);
        var overlapR = PiiEvalCounts.Recall(counts.OverlapMatched, counts.Gold);
        var exactP = PiiEvalCounts.Precision(counts.ExactMatched, counts.Predicted);
        var exactR = PiiEvalCounts.Recall(counts.ExactMatched, counts.Gold);
        var (overlapF1, exactF1) = (PiiEvalCounts.F1(overlapP, overlapR), PiiEvalCounts.F1(exactP, exactR));
        return Invariant(
            $"{label,-22} {counts.Gold,5} {counts.Predicted,5}  {overlapP,5:0.000}  {overlapR,5:0.000}  {overlapF1,5:0.000}  {exactP,5:0.000}  {exactR,5:0.000}  {exactF1,5:0.000}");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
