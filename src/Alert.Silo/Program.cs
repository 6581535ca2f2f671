using Alert.Broadcast.Hosting;
using Alert.Ingress.Hosting;
using Alert.Silo.Administration;
using Alert.Silo.Hosting;

var builder = WebApplication.CreateBuilder(args);
if (KeyCommands.IsCommand(args))
{
    return KeyCommands.Run(args, builder.Configuration, Console.Out, Console.Error);
}

builder.AddAlertHubSecurity();
builder.AddAlertHubAudit();
builder.AddAlertHubRateLimits();
builder.AddAlertHubGeography();
builder.AddAlertHubSilo();
builder.AddAlertIngress();
builder.AddAlertBroadcast();
builder.AddAlertHubMetrics();
builder.AddAlertHubGrpcEndpoint(builder.WebHost);
builder.AddAlertHubTransportSecurity(builder.WebHost);

var app = builder.Build();

app.UseAlertHubSecureHeaders();
app.UseAlertHubAudit();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseAlertBroadcast();

app.MapAlertHubHealth();
app.MapAlertHubMetrics();
app.MapAlertIngress();
app.MapAlertBroadcast();
app.MapAlertHubAdministration();

app.Run();
return 0;
