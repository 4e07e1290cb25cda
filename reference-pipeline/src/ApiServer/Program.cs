ApiServer.ApiServerApp.Build(args).Run();
