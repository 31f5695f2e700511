FROM node:20
WORKDIR /app
COPY . .
RUN npm ci && npm run build
EXPOSE 4173
CMD ["npm", "run", "preview", "--", "--host"]
