FROM mcr.microsoft.com/dotnet/framework/sdk:4.8 AS build
RUN msiexec /i C:\setup\tool.msi /quiet

FROM build
RUN tool --version
RUN tool build
