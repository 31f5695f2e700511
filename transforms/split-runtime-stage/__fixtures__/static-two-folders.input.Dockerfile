FROM node:18
WORKDIR /app
COPY . .
RUN npm ci && npm run build
CMD ["npx", "serve", "build", "extra"]
