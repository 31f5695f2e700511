FROM node:20-slim
WORKDIR /app
COPY . .
RUN npm ci
RUN polymer build
CMD ["node", "server.js"]
