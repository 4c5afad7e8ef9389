namespace Gatehouse.Tokens;

/// <summary>A request's tokens as estimated before the call: prompt, and the most output it allows.</summary>
public readonly record struct TokenEstimate(int Prompt, int MaxOutput)
{
    public long Total => (long)Prompt + MaxOutput;
}
