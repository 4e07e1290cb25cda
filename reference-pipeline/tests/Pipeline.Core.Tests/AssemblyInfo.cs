using Xunit;
using Pipeline.Tests.Support;

[assembly: AssemblyFixture(typeof(PostgresServer))]
