using Io.Cucumber.Messages.Types;
using Reqnroll.Formatters.ExecutionTracking;
using Reqnroll.Formatters.PayloadProcessing.Cucumber;
using Xunit.Sdk;

namespace Reqnroll.XunitV3Runner.Execution;

/// <summary>
/// A skip requested at run time travels through Reqnroll as xUnit's <see cref="SkipException"/>: its
/// message starts with xUnit's dynamic-skip token and its stack trace names the build machine's
/// paths. Reqnroll would report both as the skipped step's exception; the Cucumber messages (and
/// the living documentation drawn from them) get the reason alone, as the step result's message.
/// </summary>
internal sealed class SkipReasonMessageFactory : CucumberMessageFactory
{
    /// <summary>xUnit's documented prefix of a dynamic skip's message (its own constant is internal).</summary>
    private const string DynamicSkipToken = "$XunitDynamicSkip$";

    public override TestStepFinished ToTestStepFinished(TestStepExecutionTracker testStepExecutionTracker) =>
        WithSkipReason(base.ToTestStepFinished(testStepExecutionTracker));

    public override TestStepFinished ToTestStepFinished(HookStepExecutionTracker hookStepExecutionTracker) =>
        WithSkipReason(base.ToTestStepFinished(hookStepExecutionTracker));

    private static TestStepFinished WithSkipReason(TestStepFinished finished)
    {
        var result = finished.TestStepResult;
        if (result.Status != TestStepResultStatus.SKIPPED || result.Exception is not { Type: nameof(SkipException) } skip)
            return finished;
        var reason = skip.Message.StartsWith(DynamicSkipToken, StringComparison.Ordinal)
            ? skip.Message[DynamicSkipToken.Length..]
            : skip.Message;
        return new TestStepFinished(finished.TestCaseStartedId, finished.TestStepId,
            new TestStepResult(result.Duration, reason, result.Status, null), finished.Timestamp);
    }
}
