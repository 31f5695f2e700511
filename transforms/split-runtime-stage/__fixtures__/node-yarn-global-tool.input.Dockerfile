FROM node:20
RUN npm install -g yarn
WORKDIR /app
COPY package.json yarn.lock ./
RUN yarn
COPY . .
RUN yarn run build
ENV NODE_ENV=production
CMD ["node", "build/index.js"]
