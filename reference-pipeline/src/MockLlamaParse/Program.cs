using MockLlamaParse;

var app = MockLlamaParseApp.Build(args);
app.Run();
