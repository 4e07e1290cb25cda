using BaseWorker;
using Microsoft.Extensions.Hosting;
using Pipeline.Core.Hosting;
using Pipeline.Core.Logging;

var builder = Host.CreateApplicationBuilder(args);
builder.UsePipelineLogging("base-worker");
builder.AddPipelineCore();
builder.AddBaseWorker();
builder.AddBudgetAndKeyDefects();
builder.AddProviderTransportDefects();
await builder.Build().RunAsync();
