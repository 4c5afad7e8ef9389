namespace Gatehouse.Rollups;

/// <summary>What one line of a spend report adds up.</summary>
public enum SpendGrouping
{
    /// <summary>One line per day, key and model alias (the default).</summary>
    Detail,

    /// <summary>One line per day.</summary>
    Day,

    /// <summary>One line per key, over the whole range.</summary>
    Key,

    /// <summary>One line per model alias, over the whole range.</summary>
    Model,
}
