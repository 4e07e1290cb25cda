using Acceptance.Support.Load;

namespace Acceptance.Support.Contexts;

/// <summary>The load a scenario ran and what it produced, shared by its steps.</summary>
public sealed class LoadContext
{
    private LoadResult? _result;

    public LoadResult Result
    {
        get => _result ?? throw new InvalidOperationException("No load has run in this scenario yet.");
        set => _result = value;
    }
}
