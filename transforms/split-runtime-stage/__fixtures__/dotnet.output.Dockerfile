FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish -c Release -o /app/publish
WORKDIR /app/publish

FROM mcr.microsoft.com/dotnet/runtime:8.0
WORKDIR /app/publish
COPY --from=build /app/publish /app/publish
ENTRYPOINT ["dotnet", "Api.dll"]
