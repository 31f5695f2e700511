FROM node:18 AS base
SHELL ["pwsh", "-Command"]

FROM base
RUN npm install
