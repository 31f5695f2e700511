FROM node:20-alpine
WORKDIR /app
COPY package.json package-lock.json ./
# install dependencies
RUN npm ci --no-audit --loglevel warn && npm cache clean --force
COPY . .
CMD ["node", "server.js"]
