FROM mcr.microsoft.com/dotnet/core/sdk:3.1-buster
WORKDIR /app
COPY . ./
RUN dotnet publish -c Release -o publish
EXPOSE 80
ENTRYPOINT dotnet publish/Legacy.dll
