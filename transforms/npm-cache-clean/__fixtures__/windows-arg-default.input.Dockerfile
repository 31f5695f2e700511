ARG WINDOWS_VERSION=ltsc2019
FROM node:18-windowsservercore-${WINDOWS_VERSION}
WORKDIR /app
RUN npm install
