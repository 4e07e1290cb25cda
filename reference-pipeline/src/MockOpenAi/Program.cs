using MockOpenAi;

var app = MockOpenAiApp.Build(args);
app.Run();
