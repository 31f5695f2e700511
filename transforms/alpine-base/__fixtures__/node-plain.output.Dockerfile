FROM node:22-alpine
WORKDIR /app
COPY server.js .
CMD ["node", "server.js"]
