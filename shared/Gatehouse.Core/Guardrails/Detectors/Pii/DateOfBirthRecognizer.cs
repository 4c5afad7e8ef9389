namespace Gatehouse.Guardrails.Detectors.Pii;

/// <summary>
/// Dates of birth: a valid date (<see cref="PiiDates"/>) with "DOB", "date of birth", "born", "birthday" or the like
/// up to 40 characters before it. Any other date is only a <see cref="PiiTypes.DateTime"/>.
/// </summary>
internal sealed class DateOfBirthRecognizer : IPiiRecognizer
{
    private static readonly ContextWords Context = new(
        "dob", "d.o.b", "date of birth", "birth date", "birthdate", "born", "birthday", "b-day", "bday", "birth");

    public void Recognize(PiiText input, List<PiiMatch> matches)
    {
        var text = input.Value;
        if (!Context.AnyIn(text))
        {
            return;
        }

        foreach (var (start, length) in PiiDates.Find(text))
        {
            if (Context.Before(text, start, 40))
            {
                matches.Add(new PiiMatch(PiiTypes.DateOfBirth, start, length, 0.85, "date next to a date-of-birth word"));
            }
        }
    }
}
