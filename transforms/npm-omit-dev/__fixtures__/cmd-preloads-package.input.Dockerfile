FROM node:20-slim
WORKDIR /app
COPY . .
RUN npm ci
ENTRYPOINT ["tini", "--"]
CMD ["node", "-r", "ts-node/register", "src/main.ts"]
