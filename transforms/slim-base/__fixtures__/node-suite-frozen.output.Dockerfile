FROM node:18-bullseye-slim
WORKDIR /app
COPY server.js .
CMD ["node", "server.js"]
