FROM mcr.microsoft.com/dotnet/sdk:8.0.100
WORKDIR /src
COPY . .
RUN dotnet publish -c Release -o /app
WORKDIR /app
ENTRYPOINT ["dotnet", "Tool.dll"]
