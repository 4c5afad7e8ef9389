namespace Gatehouse.TestDoubles.AzureOpenAI;

/// <summary>What every chunk of one stream (or one answer) shares.</summary>
internal sealed record AzureStream(string Id, long Created, string Model);
