FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
COPY package.json package-lock.json C:/app/
RUN npm ci
