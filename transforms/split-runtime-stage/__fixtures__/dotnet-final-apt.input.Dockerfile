FROM mcr.microsoft.com/dotnet/core/sdk:2.2 AS build-env
WORKDIR /app
COPY ./ ./
RUN dotnet publish src/Node/Node.csproj -c Release -o output
FROM mcr.microsoft.com/dotnet/core/sdk:2.2
RUN apt update -y; apt-get install dnsutils lsof -y
WORKDIR /app
COPY --from=build-env /app/output .
CMD ["dotnet", "Node.dll"]
