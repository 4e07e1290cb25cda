// The namespaces nearly every binding class reads: Reqnroll's attributes, assertions, and the
// suite's own contexts, drivers, evidence, test data, waiting and vocabulary, and the contract's shared one.
global using Acceptance.Support.Contexts;
global using Acceptance.Support.Drivers;
global using Acceptance.Support.Evidence;
global using Acceptance.Support.TestData;
global using Acceptance.Support.Vocabulary;
global using Acceptance.Support.Waiting;
global using Acceptance.Support.Workload;
global using FluentAssertions;
global using Pipeline.Contract;
global using Pipeline.TestKit;
global using Reqnroll;
