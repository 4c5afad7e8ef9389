using Gatehouse.Guardrails.Detectors.Pii;

namespace Gatehouse.Tests.Guardrails.Detectors.Pii;

public sealed class IpAddressRecognizerTests
{
    private static List<string> Found(string text) => Recognized.In(new IpAddressRecognizer(), text, PiiTypes.IpAddress);

    [Theory]
    [InlineData("blocked from 86.231.85.193 again", "86.231.85.193")]
    [InlineData("gateway 10.0.0.1.", "10.0.0.1")]
    [InlineData("host 255.255.255.0,", "255.255.255.0")]
    [InlineData("v6 2001:db8::8a2e:370:7334 here", "2001:db8::8a2e:370:7334")]
    [InlineData("from d80:e4b5:79da:6cf6:71f3:51f7:9161:c319", "d80:e4b5:79da:6cf6:71f3:51f7:9161:c319")]
    [InlineData("link-local fe80::1ff:fe23:4567:890a%", "fe80::1ff:fe23:4567:890a")]
    public void Recognize_IpAddress_FindsIt(string text, string expected)
    {
        Assert.Equal([expected], Found(text));
    }

    [Theory]
    [InlineData("upgrade to 1.2.3.4.5 today")]          // a longer dotted number
    [InlineData("version 1.2.3.4")]                     // a version, by its context
    [InlineData("v1.2.3.4")]
    [InlineData("256.1.1.1")]                           // octet out of range
    [InlineData("01.02.03.04")]                         // leading zeros
    [InlineData("at 12:30:45 sharp")]                   // a time
    [InlineData("std::vector<int> and a::b")]           // code
    [InlineData("mac 00:1A:2B:3C:4D:5E")]               // a MAC address
    [InlineData("uuid 123e4567-e89b-12d3-a456-426614174000")]
    [InlineData("sha 9fceb02d0ae598e95dc970b74767f19372d61af8")]
    public void Recognize_NotAnIpAddress_FindsNothing(string text)
    {
        Assert.Empty(Found(text));
    }
}
