FROM node:18 AS app
WORKDIR /usr/src/app
COPY package*.json ./
RUN npm ci
COPY . .
RUN npm run build -- --configuration production
EXPOSE 4200
CMD npx http-server ./dist/shop -p 4200
