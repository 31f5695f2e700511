FROM node:18 AS app
WORKDIR /usr/src/app
COPY package*.json ./
RUN npm ci
COPY . .
RUN npm run build -- --configuration production
EXPOSE 4200
CMD npx http-server ./dist/shop -p 4200

FROM nginx:stable-alpine
COPY --from=app /usr/src/app/dist/shop /usr/share/nginx/html
EXPOSE 80
