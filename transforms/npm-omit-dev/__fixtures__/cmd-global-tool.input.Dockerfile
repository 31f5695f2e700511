FROM node:20-slim
WORKDIR /app
RUN npm install -g pm2
COPY . .
RUN npm ci
CMD ["pm2-runtime", "server.js"]
