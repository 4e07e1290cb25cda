using Pipeline.Tests.Support;
using Xunit;

[assembly: AssemblyFixture(typeof(PostgresServer))]
