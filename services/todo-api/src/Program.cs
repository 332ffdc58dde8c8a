using TodoApi;

await TodoApiApp.Create(args).RunAsync();
