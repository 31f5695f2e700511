FROM node:18
WORKDIR /app
COPY . .
RUN yarn install --frozen-lockfile && yarn build
CMD ["node", "dist/server.js"]
