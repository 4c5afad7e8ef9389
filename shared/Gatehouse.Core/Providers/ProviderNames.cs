namespace Gatehouse.Providers;

/// <summary>Provider wire formats as named in config (<c>Gatehouse:Providers:*:Type</c>).</summary>
public static class ProviderNames
{
    /// <summary>api.openai.com (the OpenAI wire format).</summary>
    public const string OpenAI = "openai";

    /// <summary>Any server that speaks the OpenAI wire format (vLLM, Ollama, Groq, the local demo provider...).</summary>
    public const string OpenAICompatible = "openai-compatible";

    /// <summary>Azure OpenAI: deployment URLs with <c>api-version</c>, an <c>api-key</c> header or an Entra ID token.</summary>
    public const string AzureOpenAI = "azure-openai";

    /// <summary>The Anthropic Messages API.</summary>
    public const string Anthropic = "anthropic";

    /// <summary>Google Gemini (generateContent / streamGenerateContent).</summary>
    public const string Gemini = "gemini";
}
