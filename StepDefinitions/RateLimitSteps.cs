using Acceptance.Support.Configuration;
using Acceptance.Support.RealApi;

namespace Acceptance.StepDefinitions;

/// <summary>4.4-keys-and-limits: the pipeline keeps to a provider's rate limit instead of firing into it.</summary>
[Binding]
public sealed class RateLimitSteps(MockOpenAiDriver openAi, SuiteOptions options, EvidenceRecorder evidence)
{
    private int _requestsPerWindow;
    private TimeSpan _window;

    [Given("OpenAI allows only {int} embedding requests every {duration}")]
    public async Task GivenOpenAiAllowsOnly(int requests, TimeSpan window)
    {
        (_requestsPerWindow, _window) = (requests, window);
        await openAi.LimitRequestsAsync(requests, window);
    }

    [Then("the pipeline kept to OpenAI's limit, with no storm of requests after a refusal")]
    public async Task ThenThePipelineKeptToTheLimit()
    {
        var observed = RateLimitObservation.Of(await openAi.EmbeddingRequestsAsync(), _requestsPerWindow, _window);
        // Only calls already on their way can meet a used-up limit: each worker learns of it from its own
        // answers (x-ratelimit-remaining 0, or a refusal with its reset) and then holds back until the reset.
        var inFlight = options.Local.Workers * options.Pipeline.EmbeddingCallsInFlightPerWorker;
        evidence.AttachJson("rate-limit", new { observed, refusalsAllowedPerWindow = inFlight, observed.MostRefusedInOneWindow });

        observed.Answered.Should().BeGreaterThan(0, "the batch was embedded through the limited account");
        observed.MostRefusedInOneWindow.Should().BeLessThanOrEqualTo(inFlight,
            $"after a refusal no worker may keep firing into the same used-up window ({inFlight} calls can be in flight at once); refusals by window: " +
            string.Join(", ", observed.RefusalsByWindow.Select(w => w.Refused)));
    }
}
