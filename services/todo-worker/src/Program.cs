using TodoWorker;

await WorkerApp.Create(args).RunAsync();
