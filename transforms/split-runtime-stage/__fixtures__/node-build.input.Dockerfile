FROM node:20
ENV NODE_ENV=production
WORKDIR /usr/src/app
COPY package*.json ./
RUN npm ci --include=dev
COPY . .
# compile TypeScript
RUN npm run build
EXPOSE 3000
USER node
CMD ["node", "dist/index.js"]
