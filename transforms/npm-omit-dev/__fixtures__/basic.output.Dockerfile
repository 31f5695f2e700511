FROM node:20-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit && npm cache clean --force
COPY . .
USER node
CMD ["node", "server.js"]
