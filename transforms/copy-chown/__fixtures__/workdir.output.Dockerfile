FROM node:20-slim
WORKDIR /app
COPY --chown=node:node package*.json ./
# own it
RUN chown node:node /app && npm ci
USER node
