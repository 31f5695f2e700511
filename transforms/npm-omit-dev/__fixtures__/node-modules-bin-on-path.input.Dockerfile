FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
ENV PATH=/app/node_modules/.bin:$PATH
CMD ["node", "server.js"]
