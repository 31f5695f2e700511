FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS base
RUN powershell -Command Install-Node

FROM base AS app
RUN npm install
