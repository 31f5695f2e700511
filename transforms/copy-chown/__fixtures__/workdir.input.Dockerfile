FROM node:20-slim
WORKDIR /app
COPY package*.json ./
# own it
RUN chown -R node:node /app && npm ci
USER node
