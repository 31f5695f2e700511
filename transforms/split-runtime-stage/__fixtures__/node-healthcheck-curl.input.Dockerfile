FROM node:20
WORKDIR /usr/src/app
COPY package*.json ./
RUN npm ci
COPY . .
RUN npm run build
EXPOSE 3000
# curl is not in node:20-slim: the runtime stage installs it
HEALTHCHECK --interval=30s CMD curl -fsS http://localhost:3000/health || exit 1
USER node
CMD ["node", "dist/index.js"]
