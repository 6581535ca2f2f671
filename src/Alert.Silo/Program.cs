using Alert.Broadcast.Hosting;
using Alert.Ingress.Hosting;
using Alert.Silo.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddAlertHubSecurity();
builder.AddAlertHubGeography();
builder.AddAlertHubSilo();
builder.AddAlertIngress();
builder.AddAlertBroadcast();
builder.AddAlertHubMetrics();
builder.AddAlertHubGrpcEndpoint(builder.WebHost);

var app = builder.Build();

app.UseAuthentication();
app.UseAuthorization();

app.MapAlertHubHealth();
app.MapAlertHubMetrics();
app.MapAlertIngress();
app.MapAlertBroadcast();

app.Run();
